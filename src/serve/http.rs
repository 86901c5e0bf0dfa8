//! The HTTP side of `serve`: a thread per connection, one request per
//! connection. Every response says `Connection: close` and the socket is
//! closed after it, so no idle keep-alive connection holds a thread or
//! waits behind another; on loopback a new connection costs next to
//! nothing. Requests are parsed by httparse; only GET and HEAD are served.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A request line and headers larger than this are refused.
const MAX_HEAD: usize = 64 * 1024;

/// What a browser asked for.
pub struct Request {
    /// The request target as sent: `/risks.html?x=1`.
    pub target: String,
    /// HEAD: the response carries headers only.
    pub head_only: bool,
}

/// Reads one request's head from `stream`. `Err` carries the response to
/// send instead (400, 405, 431); `Ok(None)` when the client sent nothing.
pub fn read_request(stream: &mut TcpStream) -> io::Result<Result<Option<Request>, u16>> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Ok(if buf.is_empty() { Ok(None) } else { Err(400) });
        }
        buf.extend_from_slice(&chunk[..n]);
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut req = httparse::Request::new(&mut headers);
        match req.parse(&buf) {
            Ok(httparse::Status::Complete(_)) => {
                let head_only = match req.method {
                    Some("GET") => false,
                    Some("HEAD") => true,
                    _ => return Ok(Err(405)),
                };
                let target = req.path.unwrap_or("/").to_string();
                return Ok(Ok(Some(Request { target, head_only })));
            }
            Ok(httparse::Status::Partial) if buf.len() < MAX_HEAD => {}
            Ok(httparse::Status::Partial) | Err(httparse::Error::TooManyHeaders) => {
                return Ok(Err(431));
            }
            Err(_) => return Ok(Err(400)),
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "",
    }
}

/// Writes a whole response and closes the connection.
pub fn respond(
    mut stream: TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    // A 405 names the methods there are.
    let allow = if status == 405 {
        "Allow: GET, HEAD\r\n"
    } else {
        ""
    };
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\n{allow}Connection: close\r\n\r\n",
        reason(status),
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()?;
    // The end of the response: the browser need not wait for the close.
    stream.shutdown(std::net::Shutdown::Write)
}

/// How long a connection may take to send its request.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);
