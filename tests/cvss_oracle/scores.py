"""Base scores of CVSS vectors, one per line on stdin, by the `cvss`
package: an implementation independent of the Rust crate riskbook uses.
For 4.0 the base score (CVSS-B) is the score of the base metrics alone."""
import sys

from cvss import CVSS3, CVSS4

BASE_V4 = {"AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"}

for line in sys.stdin:
    vector = line.strip()
    if not vector:
        continue
    if vector.startswith("CVSS:4.0/"):
        parts = [p for p in vector.split("/")[1:] if p.split(":")[0] in BASE_V4]
        print(CVSS4("CVSS:4.0/" + "/".join(parts)).base_score)
    else:
        print(CVSS3(vector).scores()[0])
