// From saving a source to seeing the change in the browser, under
// `riskbook serve`: headless Chromium shows a risk's page; the script edits
// that risk's title in its register and times until the page shows the new
// title (swapped in place by the live-reload script, or reloaded when its
// head changed). Not a test: a measurement. Run the server first:
//   riskbook serve --root CORPUS --port PORT
//   node benches/browser/serve_reload.mjs http://127.0.0.1:PORT CORPUS
// (benches/compare.py runs it on the generated corpus when Chromium and
// the test's node modules are installed.)
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'

const require = createRequire(new URL('../../tests/browser/package.json', import.meta.url))
const { chromium } = require('playwright-core')
const [origin, corpus] = process.argv.slice(2)
const register = path.join(corpus, 'content/registers/reg-042.yaml')
const url = origin + '/registers/reg-042/R-007.html'

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
try {
  const page = await browser.newPage()
  await page.goto(url, { waitUntil: 'load', timeout: 120000 })
  const times = []
  for (let k = 0; k < 5; k++) {
    // The background rendering of the last version is done.
    await new Promise((r) => setTimeout(r, 4000))
    const text = fs.readFileSync(register, 'utf8')
    const edited = text.replace(/title: Risk 7 (\([^)]*\) )?of register 42/, `title: Risk 7 (browser ${k}) of register 42`)
    const t = performance.now()
    fs.writeFileSync(register, edited)
    await page.waitForFunction((k) => document.title.includes(`(browser ${k})`), k, { polling: 'raf', timeout: 30000 })
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  console.log(`serve: edit to the change shown in Chromium  min ${times[0].toFixed(0)} ms  median ${times[2].toFixed(0)} ms`)
} finally {
  await browser.close()
}
