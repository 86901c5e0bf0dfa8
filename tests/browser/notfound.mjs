// Serves a built site under a URL prefix the way static hosts do (404.html
// for any missing path) and checks that the not-found page, served at a
// nested path, styles itself and links back into the site.
// Usage: node notfound.mjs SITE_DIR
import { chromium } from 'playwright-core'
import { serveSite } from './static.mjs'

const [site] = process.argv.slice(2)
const prefix = '/previews/pr-7/'
const { server, origin } = await serveSite(site, prefix)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
let failed = ''
try {
  const page = await browser.newPage()
  await page.goto(origin + prefix + 'registers/gone/R-404.html')
  await page.waitForFunction(() => document.querySelector('base'), null, { timeout: 5000 })
  const styled = await page.waitForFunction(() => getComputedStyle(document.querySelector('.site-header')).display !== 'inline' && getComputedStyle(document.body).margin === '0px', null, { timeout: 5000 }).then(() => true, () => false)
  if (!styled) failed += 'the style sheet did not load; '
  await Promise.all([page.waitForURL('**/index.html'), page.click('text=Go to the dashboard')])
  if (new URL(page.url()).pathname !== prefix + 'index.html') failed += 'the dashboard link went to ' + page.url()
} finally {
  await browser.close()
  server.close()
}
if (failed) { console.error('FAIL: ' + failed); process.exit(1) }
console.log('ok: 404 at a nested path finds the site root')
