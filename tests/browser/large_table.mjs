// risks.html with more rows than its data-limit, in Chromium: without
// scripts every row shows; with them, the first rows show with a count and a
// "Show all" button, filters and sorting work on every row, and the button
// shows the rest; printed, every row the filters match shows. Usage: node large_table.mjs SITE_DIR TOTAL LIMIT
import { chromium } from 'playwright-core'
import { serveSite } from './static.mjs'

const [site, total, limit] = process.argv.slice(2)
const [T, L] = [Number(total), Number(limit)]
const { server, origin } = await serveSite(site)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
const fail = (msg) => { console.error('FAIL: ' + msg); process.exitCode = 1 }
const visible = (page) => page.evaluate(() => [...document.querySelectorAll('#all-risks tbody tr')].filter((r) => r.offsetParent !== null).length)
const count = (page) => page.evaluate(() => document.getElementById('filter-count').textContent)
const button = (page) => page.evaluate(() => { const b = document.getElementById('show-all'); return b.offsetParent === null ? null : b.textContent })
try {
  // Without scripts: every row, no button.
  const plain = await browser.newContext({ javaScriptEnabled: false })
  const p0 = await plain.newPage()
  await p0.goto(origin + '/risks.html')
  if (await visible(p0) !== T) fail(`without scripts ${await visible(p0)} of ${T} rows show`)
  if (await button(p0) !== null) fail('without scripts the "Show all" button shows')
  await plain.close()

  const page = await browser.newPage()
  await page.goto(origin + '/risks.html')
  await page.waitForFunction(() => document.getElementById('all-risks').classList.contains('ready'))
  if (await visible(page) !== L) fail(`with scripts ${await visible(page)} rows show, not the first ${L}`)
  if (await count(page) !== `${L} of ${T} risks shown`) fail(`the count says "${await count(page)}"`)
  if (await button(page) !== `Show all ${T} risks`) fail(`the button says "${await button(page)}"`)

  // A filter matching more rows than the limit shows the first of them.
  await page.fill('#filters input[name=q]', 'risk number')
  const many = await page.evaluate(() => [...document.querySelectorAll('#all-risks tbody tr')].filter((r) => r.textContent.toLowerCase().includes('risk number')).length)
  if (!(many > L && many < T)) fail(`the site should have between ${L} and ${T} risks titled "Risk number", not ${many}`)
  if (await visible(page) !== L) fail(`filtered to ${many}, ${await visible(page)} rows show`)
  if (await count(page) !== `${L} of ${many} matching risks shown`) fail(`filtered to ${many}, the count says "${await count(page)}"`)
  if (await button(page) !== `Show all ${many} matching risks`) fail(`filtered to ${many}, the button says "${await button(page)}"`)
  await page.fill('#filters input[name=q]', '')

  // A text filter searches every row, past the limit too.
  const last = await page.evaluate(() => [...document.querySelectorAll('#all-risks tbody tr')].at(-1).cells[0].textContent.trim())
  await page.fill('#filters input[name=q]', last)
  if (await visible(page) !== 1) fail(`filtering for the last risk ${last} shows ${await visible(page)} rows`)
  if (await count(page) !== `1 of ${T} risks shown`) fail(`filtered, the count says "${await count(page)}"`)
  if (await button(page) !== null) fail('filtered to one row, the button still shows')
  await page.fill('#filters input[name=q]', '')

  // Sorting keeps the limit, in the new order: the last risk comes first.
  await page.click('#all-risks th:nth-child(1)')
  await page.click('#all-risks th:nth-child(1)')
  const first = await page.evaluate(() => document.querySelector('#all-risks tbody tr:not([hidden])').cells[0].textContent.trim())
  if (first !== last) fail(`sorted by id, descending, the first row is ${first}, not ${last}`)
  if (await visible(page) !== L) fail(`sorted, ${await visible(page)} rows show`)

  // Printed, every row the filters match shows, past the limit too.
  await page.emulateMedia({ media: 'print' })
  if (await visible(page) !== T) fail(`printed, ${await visible(page)} of ${T} rows show`)
  await page.emulateMedia({ media: 'screen' })

  // The button shows every row.
  await page.click('#show-all')
  if (await visible(page) !== T) fail(`after "Show all", ${await visible(page)} of ${T} rows show`)
  if (await count(page) !== `${T} of ${T} risks shown`) fail(`after "Show all", the count says "${await count(page)}"`)
  if (await button(page) !== null) fail('after "Show all", the button still shows')
} finally {
  await browser.close()
  server.close()
}
if (!process.exitCode) console.log(`ok: ${L} of ${T} rows first, filters and sorting over all, then all`)
