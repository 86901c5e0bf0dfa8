// Load time of the large aggregate pages of a built site in headless
// Chromium: risks.html (every risk), review.html, a tag page, an owner page and the
// dashboard, served over HTTP as a host serves them. Prints, per page, the
// size, the time to the load event and the time until the risks table's
// filter script has run (risks.html), and where the browser spent the
// last load (style, layout, script, all tasks). Not a test: a measurement.
// Usage (after `npm ci --prefix tests/browser`, which it borrows):
//   node benches/browser/page_load.mjs SITE_DIR
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'
import { serveSite } from '../../tests/browser/static.mjs'

const require = createRequire(new URL('../../tests/browser/package.json', import.meta.url))
const { chromium } = require('playwright-core')
const [site] = process.argv.slice(2)
const pick = (dir) => {
  const d = path.join(site, dir)
  return fs.existsSync(d) ? dir + '/' + fs.readdirSync(d).filter((f) => f.endsWith('.html')).sort()[0] : null
}
const pages = ['risks.html', 'review.html', pick('tags'), pick('owners'), 'index.html'].filter(Boolean)
const { server, origin } = await serveSite(site)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
try {
  for (const p of pages) {
    const times = []
    let ready = null
    let split = ''
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage()
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')
      const t = Date.now()
      await page.goto(origin + '/' + p, { waitUntil: 'load', timeout: 120000 })
      times.push(Date.now() - t)
      const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]))
      split = ['RecalcStyleDuration', 'LayoutDuration', 'ScriptDuration', 'TaskDuration'].map((k) => `${k.replace('Duration', '')} ${(m[k] * 1000).toFixed(0)}`).join(', ')
      if (p === 'risks.html') {
        const t2 = Date.now()
        await page.selectOption('select[name=level]', { index: 1 })
        ready = Date.now() - t2
      }
      await page.close()
    }
    times.sort((a, b) => a - b)
    const kb = (fs.statSync(path.join(site, p)).size / 1024).toFixed(0)
    console.log(`${p}: ${kb} KB, load event median ${times[1]} ms (min ${times[0]})${ready !== null ? `, a filter change applied in ${ready} ms` : ''}; last load: ${split} ms`)
  }
} finally {
  await browser.close()
  server.close()
}
