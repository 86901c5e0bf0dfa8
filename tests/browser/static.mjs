// A static host for a built site, as docs hosting serves one: files under
// `prefix`, the site's 404.html for anything missing. Resolves to the
// server and its origin.
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'

const types = { '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.csv': 'text/csv' }

export async function serveSite(site, prefix = '/') {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x')
    const rel = url.pathname.startsWith(prefix) ? decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html' : null
    const file = rel && !rel.split('/').includes('..') && path.join(site, rel)
    if (file && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200, { 'content-type': types[path.extname(file)] || 'text/html' })
      res.end(req.method === 'HEAD' ? undefined : fs.readFileSync(file))
    } else {
      res.writeHead(404, { 'content-type': 'text/html' })
      res.end(fs.readFileSync(path.join(site, '404.html')))
    }
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  return { server, origin: `http://127.0.0.1:${server.address().port}` }
}
