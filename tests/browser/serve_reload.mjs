// Live reload under `riskbook serve`, in Chromium: after an edit, the open
// page shows the change without navigating (its body is swapped in place),
// the swapped page is the page a fresh load shows, its enhancements work
// again and keep the reader's filters, and a broken build shows the failure
// page until the sources build again.
// Usage: node serve_reload.mjs ORIGIN SITE_ROOT  (a `riskbook serve` of a
// copy of the example site)
import { chromium } from 'playwright-core'
import fs from 'node:fs'
import path from 'node:path'

const [origin, root] = process.argv.slice(2)
const register = path.join(root, 'content/registers/blottr-platform-risks.yaml')
const original = fs.readFileSync(register, 'utf8')
const oldTitle = 'Existing user authentication breaks during migration'
const fail = (msg) => { console.error('FAIL: ' + msg); process.exitCode = 1 }
const edit = (title) => fs.writeFileSync(register, original.replace(`title: ${oldTitle}`, `title: ${title}`))
// The filters' script has run when it has counted the rows.
const counted = (page) => page.waitForFunction(() => /\d+ of \d+ risks shown/.test(document.getElementById('filter-count')?.textContent || ''), null, { timeout: 10000 })

// Requests a page has sent and not yet seen answered, so a load that times
// out says which one never came back.
const track = (page) => {
  const pending = new Map()
  page.on('request', (r) => pending.set(r, Date.now()))
  page.on('requestfinished', (r) => pending.delete(r))
  page.on('requestfailed', (r) => pending.delete(r))
  return () => [...pending].map(([r, t]) => `${r.method()} ${r.url()} (${Date.now() - t} ms)`).join(', ') || 'none'
}
const load = async (page, url) => {
  const unanswered = track(page)
  try {
    await page.goto(url, { waitUntil: 'load' })
  } catch (e) {
    throw new Error(`${e.message}\nrequests still unanswered: ${unanswered()}`)
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
try {
  const page = await browser.newPage()
  let navigations = 0
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++ })
  await load(page, origin + '/risks.html')
  await counted(page)
  // The event stream is open once the first version has arrived.
  await page.waitForTimeout(300)
  const before = navigations

  // 1. An edit: swapped in place, and the same page a fresh load shows.
  edit('Sign-in breaks while users move (edited)')
  await page.waitForFunction(() => document.body.textContent.includes('Sign-in breaks while users move (edited)'), null, { timeout: 15000 })
  await counted(page)
  if (navigations !== before) fail(`the page navigated ${navigations - before} times instead of swapping its body`)
  const fresh = await browser.newPage()
  await load(fresh, origin + '/risks.html')
  await counted(fresh)
  const [a, b] = await Promise.all([page, fresh].map((p) => p.evaluate(() => [document.title, document.body.outerHTML])))
  if (a[0] !== b[0]) fail(`the title after the swap is "${a[0]}", a fresh load shows "${b[0]}"`)
  if (a[1] !== b[1]) fail('the swapped body differs from a fresh load of the page')
  await fresh.close()

  // 2. The swapped page's filters and sorting work.
  await page.selectOption('select[name=status]', { index: 1 })
  const shown = await page.evaluate(() => document.getElementById('filter-count').textContent)
  const rows = await page.evaluate(() => [...document.querySelectorAll('#all-risks tbody tr')].filter((r) => !r.hidden).length)
  if (!shown.startsWith(rows + ' of ')) fail(`after the swap, the filter shows "${shown}" with ${rows} rows visible`)
  await page.click('#all-risks th:nth-child(5)')
  const sorted = await page.evaluate(() => document.querySelector('#all-risks th:nth-child(5)').getAttribute('aria-sort'))
  if (sorted !== 'ascending') fail(`after the swap, sorting by a column gave aria-sort=${sorted}`)

  // 3. The reader's filter survives the next edit's swap.
  const status = await page.evaluate(() => document.querySelector('select[name=status]').value)
  edit('Sign-in breaks while users move (edited twice)')
  await page.waitForFunction(() => document.body.textContent.includes('(edited twice)'), null, { timeout: 15000 })
  await counted(page)
  const after = await page.evaluate(() => document.querySelector('select[name=status]').value)
  if (after !== status) fail(`after the next swap the status filter is "${after}", not "${status}"`)
  const shownAfter = await page.evaluate(() => document.getElementById('filter-count').textContent)
  const rowsAfter = await page.evaluate(() => [...document.querySelectorAll('#all-risks tbody tr')].filter((r) => !r.hidden).length)
  if (!shownAfter.startsWith(rowsAfter + ' of ') || rowsAfter === 0) fail(`after the next swap, the filter shows "${shownAfter}" with ${rowsAfter} rows visible`)

  // 4. A broken build shows the failure page; fixing it brings the site back.
  fs.writeFileSync(register, original.replace(`title: ${oldTitle}`, 'title: [unclosed'))
  await page.waitForFunction(() => document.title.startsWith('Build failed'), null, { timeout: 15000 })
  fs.writeFileSync(register, original)
  await page.waitForFunction((t) => document.body.textContent.includes(t), oldTitle, { timeout: 15000 })
  await counted(page)
} finally {
  fs.writeFileSync(register, original)
  await browser.close()
}
if (!process.exitCode) console.log('ok: an edit swaps the page in place, as a fresh load shows it')
