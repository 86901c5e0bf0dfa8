// A runbook page in headless Chromium, as a reader during an incident uses
// it: in light and dark mode the mermaid diagram is drawn as an SVG, every
// code block has a copy button reached by keyboard that says "Copied" and
// copies a shell session's commands without prompts or output, and axe-core
// finds no violation once the page is drawn. Without scripts the diagram's
// source and every block stay readable. Screenshots go to SHOTS_DIR.
// Usage: node runbook.mjs SITE_DIR PAGE SHOTS_DIR
import { chromium } from 'playwright-core'
import { createRequire } from 'node:module'
import path from 'node:path'
import { serveSite } from './static.mjs'

const require = createRequire(import.meta.url)
const axePath = require.resolve('axe-core/axe.min.js')
const [site, file, shots] = process.argv.slice(2)

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
// Over loopback HTTP, a secure context where the clipboard API is allowed.
const { server, origin } = await serveSite(site)
const problems = []
try {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${origin}/${file}`)
    const diagrams = await page.locator('pre.mermaid').count()
    await page.waitForFunction((n) => document.querySelectorAll('pre.mermaid svg').length === n, diagrams, { timeout: 20000 })
    const blocks = await page.locator('div.code-block').count()
    const buttons = await page.locator('div.code-block > button.copy').count()
    if (!blocks || blocks !== buttons) problems.push(`${scheme}: ${blocks} code blocks, ${buttons} copy buttons`)
    // The session's button, reached with the keyboard and pressed with Enter.
    const session = page.locator('div.code-block:has(pre[data-lang="console"]) > button.copy').first()
    await session.focus()
    const focused = await page.evaluate(() => document.activeElement.className)
    if (focused !== 'copy') problems.push(`${scheme}: the copy button takes no focus (${focused})`)
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => [...document.querySelectorAll('.code-block [role="status"]')].some((s) => s.textContent === 'Copied'), null, { timeout: 5000 })
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    const expected = await page.evaluate(() => [...document.querySelector('pre[data-lang="console"]').querySelectorAll('.cmd')].map((c) => c.textContent).join('\n'))
    if (copied !== expected || copied.includes('$ ') || copied.includes('REVISION')) problems.push(`${scheme}: copied ${JSON.stringify(copied)}`)
    // A plain block copies its whole text.
    await page.locator('div.code-block:has(pre[data-lang="sql"]) > button.copy').click()
    const sql = await page.evaluate(() => navigator.clipboard.readText())
    if (!sql.startsWith('-- Authorisations stuck in PENDING')) problems.push(`${scheme}: sql copied ${JSON.stringify(sql)}`)
    await page.addScriptTag({ path: axePath })
    const violations = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] })
      return r.violations.map((v) => `${v.id} (${v.impact}) ${v.help} at ${v.nodes[0]?.target?.join(' ')}`)
    })
    for (const v of violations) problems.push(`${scheme} axe: ${v}`)
    for (const e of errors) problems.push(`${scheme} script error: ${e}`)
    await page.screenshot({ path: path.join(shots, `runbook-${scheme}.png`), fullPage: true })
    console.log(`${scheme}: ${diagrams} diagrams drawn, ${buttons} copy buttons, ${violations.length} axe violations`)
    await context.close()
  }
  const plain = await browser.newContext({ javaScriptEnabled: false })
  const page = await plain.newPage()
  await page.goto(`${origin}/${file}`)
  const source = await page.locator('pre.mermaid').first().textContent()
  if (!source.includes('flowchart TD')) problems.push(`without scripts the diagram shows ${JSON.stringify(source)}`)
  if (await page.locator('button.copy').count()) problems.push('without scripts there are copy buttons')
  const visible = await page.locator('pre[data-lang="bash"]').first().isVisible()
  if (!visible) problems.push('without scripts a code block is hidden')
  await plain.close()
} finally {
  server.close()
  await browser.close()
}
if (problems.length) {
  console.error('FAIL:\n' + problems.join('\n'))
  process.exit(1)
}
console.log('ok: diagrams, copy buttons and axe in light and dark; readable without scripts')
