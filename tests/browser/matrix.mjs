// Opens a built site in headless Chromium: checks that a register's matrix
// renders with its cells and links, follows a risk id to its page, and
// saves screenshots. Usage: node matrix.mjs SITE_DIR SHOT_DIR
import { chromium } from 'playwright-core'
import path from 'node:path'
import { serveSite } from './static.mjs'

const [site, shots] = process.argv.slice(2)
// Served as a host serves it: live search fetches its index.
const { server, origin } = await serveSite(site)
const url = (p) => origin + '/' + p
const fail = (msg) => { console.error('FAIL: ' + msg); process.exit(1) }

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(url('registers/backend-migration.html'))
  const svg = page.locator('svg.chart').first()
  const box = await svg.boundingBox()
  if (!box || box.width < 300 || box.height < 200) fail('matrix not rendered: ' + JSON.stringify(box))
  const cells = await svg.locator('rect').count()
  // 3 x 4 cells, each filled and outlined, plus the background.
  if (cells < 24) fail(`expected at least 24 rects for 12 cells, got ${cells}`)
  const ids = await svg.locator('a text').evaluateAll((ts) => ts.map((t) => t.textContent.trim()))
  for (const id of ['R-001', 'R-004', 'R-009', 'R-015']) if (!ids.includes(id)) fail(`matrix lacks a link for ${id}: ${ids}`)
  if (ids.length !== 15) fail(`expected 15 linked ids, got ${ids.length}`)
  const title = await svg.locator('title').first().textContent()
  if (!title.includes('Risk matrix')) fail('no <title> in the SVG')
  // The table form is there for screen readers.
  const tableCells = await page.locator('#matrix-table tbody td').count()
  if (tableCells !== 12) fail(`table form has ${tableCells} cells`)
  await page.screenshot({ path: path.join(shots, 'register.png'), fullPage: true })
  // Follow a risk id from the matrix.
  await Promise.all([page.waitForURL(/R-004\.html$/), svg.locator('a', { hasText: 'R-004' }).click()])
  const h1 = await page.locator('h1').textContent()
  if (!h1.includes('R-004') || !h1.includes('drift from unmanaged changes')) fail('risk page heading: ' + h1)
  const here = await page.locator('.mini-matrix .here').count()
  if (here !== 1) fail('risk page does not mark its cell')
  await page.screenshot({ path: path.join(shots, 'risk.png'), fullPage: true })
  // Sorting and filtering on risks.html (JS enhancements).
  await page.goto(url('risks.html'))
  // The severity filter: registers' own "Critical" levels are one choice.
  await page.selectOption('select[name=severity]', 'critical')
  const shown = await page.locator('#all-risks tbody tr:not([hidden])').count()
  if (shown < 1) fail('severity filter shows nothing')
  const others = await page.locator('#all-risks tbody tr:not([hidden]):not([data-severity=critical])').count()
  if (others > 0) fail(`severity filter shows ${others} rows of other severities`)
  const total = await page.locator('#all-risks tbody tr').count()
  if (shown >= total) fail('severity filter hides nothing')
  // Live search over search-index.json.
  await page.fill('#site-search', 'drift')
  await page.waitForSelector('.search-results:not([hidden]) a', { timeout: 5000 })
  const hit = await page.locator('.search-results a').first().textContent()
  if (!hit.includes('R-004')) fail('search for "drift" found: ' + hit)
  // An exact risk id comes first, whatever else mentions it.
  await page.fill('#site-search', 'rsk-013')
  await page.waitForFunction(() => (document.querySelector('.search-results a') || {}).textContent?.startsWith('RSK-013'), null, { timeout: 5000 })
  await page.fill('#site-search', 'zzqqxx')
  await page.waitForFunction(() => document.querySelector('.search-results')?.textContent.includes('No risk or page matches'), null, { timeout: 5000 })
  if (errors.length) fail('page errors: ' + errors.join('; '))
  console.log(`ok: ${ids.length} linked ids, ${cells} rects, filter ${shown}/${total}`)
} finally {
  await browser.close()
  server.close()
}
