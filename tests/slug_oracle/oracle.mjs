// Reads JSON [[heading, ...], ...] (one array per page) on stdin and
// prints the ids github-slugger gives, one slugger per page.
import GithubSlugger from 'github-slugger'

let input = ''
process.stdin.on('data', (d) => { input += d })
process.stdin.on('end', () => {
  const pages = JSON.parse(input)
  const out = pages.map((headings) => {
    const slugger = new GithubSlugger()
    return headings.map((h) => slugger.slug(h))
  })
  process.stdout.write(JSON.stringify(out, null, 1) + '\n')
})
