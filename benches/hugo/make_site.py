#!/usr/bin/env python3
"""A Hugo site with the same content as a riskbook corpus, for an honest
comparison of build times (benches/compare.sh).

Every risk becomes a Markdown page with its fields as front matter and
Markdown body, every register a section whose list page shows its risk
table, every playbook the same Markdown page; owners, categories, tags and
statuses are Hugo taxonomies (riskbook writes a page per value too). The
layouts are minimal: a base with navigation, a single page, a list page
with a table. Hugo renders no matrix, search index or exports, so the
comparison favours Hugo.

usage: make_site.py RISKBOOK_SITE HUGO_SITE
"""
import os
import sys
from pathlib import Path

import yaml

src, dst = Path(sys.argv[1]), Path(sys.argv[2])
content = dst / "content"
layouts = dst / "layouts" / "_default"
layouts.mkdir(parents=True, exist_ok=True)
(dst / "config.toml").write_text(
    'baseURL = "http://example.org/"\ntitle = "Risks"\ndisableKinds = ["RSS", "sitemap", "robotsTXT"]\n'
    '[taxonomies]\nowner = "owners"\ncategory = "categories"\ntag = "tags"\nstatus = "statuses"\n'
)
(layouts / "baseof.html").write_text(
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>'
    '<body><nav><a href="/">Dashboard</a> {{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>'
    "<main>{{ block \"main\" . }}{{ end }}</main></body></html>\n"
)
(layouts / "single.html").write_text(
    '{{ define "main" }}<h1>{{ .Title }}</h1><dl>{{ range $k, $v := .Params }}<dt>{{ $k }}</dt><dd>{{ $v }}</dd>{{ end }}</dl>'
    "{{ .Content }}{{ end }}\n"
)
(layouts / "list.html").write_text(
    '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<table><thead><tr><th>Title</th><th>Probability</th><th>Impact</th><th>Status</th></tr></thead><tbody>'
    '{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.probability }}</td><td>{{ .Params.impact }}</td><td>{{ .Params.statuses }}</td></tr>{{ end }}'
    "</tbody></table>{{ end }}\n"
)


def md_list(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return "\n".join(
        "- " + (i if isinstance(i, str) else ("[x] " if i.get("done") else "[ ] ") + str(i.get("action", "")))
        for i in v
    )


for reg_file in sorted((src / "content" / "registers").glob("*.yaml")):
    reg = yaml.safe_load(reg_file.read_text())
    out = content / "registers" / reg_file.stem
    out.mkdir(parents=True, exist_ok=True)
    (out / "_index.md").write_text(
        "---\n" + yaml.safe_dump({"title": reg["title"]}) + "---\n" + str(reg.get("summary", "")) + "\n"
    )
    for r in reg.get("risks", []):
        front = {
            "title": f'{r["id"]} {r["title"]}',
            "probability": r.get("probability"),
            "impact": r.get("impact"),
            "owners": r.get("owner") if isinstance(r.get("owner"), list) else [r.get("owner")],
            "categories": [r["category"]] if r.get("category") else [],
            "tags": r.get("tags", []),
            "statuses": [r.get("status", "open")],
            "trigger": r.get("trigger"),
            "playbooks": r.get("playbooks", []),
            "related": r.get("related", []),
            "reviewed": str(r.get("reviewed", "")),
        }
        body = "## Description\n\n{}\n\n## Mitigation\n\n{}\n".format(
            r.get("description", ""), md_list(r.get("mitigation"))
        )
        (out / f'{r["id"]}.md').write_text("---\n" + yaml.safe_dump(front) + "---\n" + body)

docs = content / "docs"
docs.mkdir(parents=True, exist_ok=True)
for page in sorted((src / "content" / "docs").glob("*.md")):
    (docs / page.name).write_text(page.read_text())
print(f"wrote a Hugo site to {dst}", file=sys.stderr)
