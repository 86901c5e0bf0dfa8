// Runs axe-core in headless Chromium over one page of every kind of a built
// site (dashboard, register, risk, playbook, taxonomy, risks table, history,
// 404), in light and in dark mode, and fails on any violation of any impact. Prints one line per page kind and mode.
// Usage: node axe.mjs SITE_DIR
import { chromium } from 'playwright-core'
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'
import { serveSite } from './static.mjs'

const require = createRequire(import.meta.url)
const axePath = require.resolve('axe-core/axe.min.js')
const [site] = process.argv.slice(2)

const files = []
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) walk(p)
    else if (e.name.endsWith('.html')) files.push(path.relative(site, p).split(path.sep).join('/'))
  }
}
walk(site)

const kinds = [
  ['dashboard', (f) => f === 'index.html'],
  ['risks table', (f) => f === 'risks.html'],
  ['history', (f) => f === 'history.html'],
  ['404', (f) => f === '404.html'],
  ['register', (f) => /^registers\/[^/]+\.html$/.test(f)],
  ['risk', (f) => /^registers\/[^/]+\/[^/]+\.html$/.test(f) && !f.endsWith('/print.html')],
  // Risks rated by OWASP factors or a CVSS vector: their factor tables.
  ['rating factors', (f) => /^registers\/[^/]+\/[^/]+\.html$/.test(f) && !f.endsWith('/print.html') && fs.readFileSync(path.join(site, f), 'utf8').includes('<section class="factors">')],
  // Risks in money: the figures table and the loss exceedance curve; and a
  // register's total with its appetite.
  ['risk in money', (f) => /^registers\/[^/]+\/[^/]+\.html$/.test(f) && !f.endsWith('/print.html') && fs.readFileSync(path.join(site, f), 'utf8').includes('<section class="loss">')],
  ['register in money', (f) => /^registers\/[^/]+\.html$/.test(f) && fs.readFileSync(path.join(site, f), 'utf8').includes('<h2 id="loss">')],
  ['owner', (f) => f.startsWith('owners/')],
  ['category', (f) => f.startsWith('categories/')],
  ['status', (f) => f.startsWith('statuses/')],
  ['tag', (f) => f.startsWith('tags/')],
  ['review', (f) => f === 'review.html'],
  ['print', (f) => f.endsWith('/print.html')],
  ['playbook', (f) => !/^(index|risks|history|404|review|changes)\.html$/.test(f) && !/^(registers|owners|categories|statuses|tags|assets)\//.test(f)],
]
const pages = []
for (const [kind, test] of kinds) {
  const matching = files.filter(test)
  // Two of each kind where there are two: the first and the largest.
  const largest = [...matching].sort((a, b) => fs.statSync(path.join(site, b)).size - fs.statSync(path.join(site, a)).size)[0]
  for (const f of new Set([matching[0], largest].filter(Boolean))) pages.push([kind, f])
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
let bad = 0
try {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    for (const [kind, file] of pages) {
      await page.goto('file://' + path.resolve(site, file))
      await page.addScriptTag({ path: axePath })
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { resultTypes: ['violations'] })
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, target: v.nodes[0]?.target?.join(' ') }))
      })
      const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      const minor = result.length - serious.length
      console.log(`${scheme} ${kind} ${file}: ${serious.length} serious/critical, ${minor} moderate/minor${result.length ? ' ' + result.map((v) => `${v.id}(${v.impact}, ${v.nodes})`).join(' ') : ''}`)
      for (const v of result) console.log(`  ${v.id} (${v.impact}): ${v.help} at ${v.target}`)
      // Every violation fails, whatever its impact.
      bad += result.length
    }
    await context.close()
  }
  // A 390 px wide phone: nothing makes the page itself scroll sideways
  // (wide tables scroll inside their own box, the matrix scales down).
  const phone = await browser.newContext({ viewport: { width: 390, height: 800 } })
  const page = await phone.newPage()
  for (const [kind, file] of pages) {
    await page.goto('file://' + path.resolve(site, file))
    const wide = await page.evaluate(() => document.documentElement.scrollWidth)
    if (wide > 391) {
      console.log(`phone ${kind} ${file}: the page is ${wide} px wide`)
      bad += 1
    }
  }
  await phone.close()
  // Search ranks an exact risk id first, even where an earlier entry of the
  // index mentions it, and says when nothing matches.
  const idx = JSON.parse(fs.readFileSync(path.join(site, 'search-index.json'), 'utf8'))
  const shadowed = idx.find((e, i) => e.k === 'risk' && idx.slice(0, i).some((o) => o.t.toLowerCase().includes(e.t.split(' ')[0].toLowerCase())))
  // Live search fetches search-index.json: over HTTP, as hosts serve it.
  const { server, origin } = await serveSite(site)
  const search = await browser.newPage()
  await search.goto(origin + '/index.html')
  if (shadowed) {
    const id = shadowed.t.split(' ')[0]
    await search.fill('#site-search', id.toLowerCase())
    await search.waitForSelector('.search-results:not([hidden]) a', { timeout: 5000 })
    const first = await search.locator('.search-results a').first().textContent()
    console.log(`search ${id}: first hit ${first}`)
    if (!first.startsWith(id + ' ')) bad += 1
  }
  await search.fill('#site-search', 'zzqqxx')
  await search.waitForSelector('.search-results:not([hidden]) li', { timeout: 5000 })
  const none = await search.locator('.search-results').textContent()
  if (!none.includes('No risk or page matches')) { console.log('search without a match says: ' + none); bad += 1 }
  server.close()
  // Opened from disk there is no fetch: the box says what Enter does.
  const disk = await browser.newPage()
  await disk.goto('file://' + path.resolve(site, 'index.html'))
  await disk.fill('#site-search', 'risk')
  await disk.waitForSelector('.search-results:not([hidden]) .search-offline', { timeout: 5000 })
  const offline = await disk.locator('.search-results').textContent()
  if (!offline.includes('Press Enter to filter the risks table')) { console.log('search from disk says: ' + offline); bad += 1 }
} finally {
  await browser.close()
}
if (bad) {
  console.error(`FAIL: ${bad} axe violations or pages wider than a phone`)
  process.exit(1)
}
console.log(`ok: ${pages.length} pages x 2 colour schemes, and none wider than a 390 px phone`)
