"""Accessibility checks with axe-core, run inside the page the browser test is looking at.

axe-core 4.14.1 is vendored (vendor/axe.min.js, licence in vendor/LICENSE-axe.txt) because the
test machines have no network at test time and the result must not change under us.

Only violations of impact "serious" or "critical" fail a test: those block people (missing
labels, unreadable contrast, keyboard traps). "minor" and "moderate" findings are worth
reading but would make the suite fail on matters of taste.
"""

from functools import cache
from pathlib import Path

from playwright.sync_api import Page, expect

AXE_SCRIPT = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


@cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def run_axe(page: Page, options: dict | None = None) -> list[dict]:
    """Run axe-core on the page's current document; return its serious and critical violations.

    Each violation is axe's own result object (id, impact, help, helpUrl, nodes with target,
    html and failureSummary). axe is injected once per document; navigating loads a new one.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, not as a <script> tag: the site's
        # Content-Security-Policy rightly refuses inline scripts without its nonce.
        page.evaluate(_axe_source())
    results = page.evaluate(
        "async (options) => await window.axe.run(document, options)",
        {"resultTypes": ["violations"], **(options or {})},
    )
    return [
        violation for violation in results["violations"] if violation["impact"] in BLOCKING_IMPACTS
    ]


def format_violations(violations: list[dict], where: str = "") -> str:
    """A readable report for an assertion message: rule, impact, help link, each element."""
    if not violations:
        return f"no serious or critical accessibility violations{f' on {where}' if where else ''}"
    lines = [
        f"{len(violations)} serious/critical accessibility violation(s)"
        f"{f' on {where}' if where else ''}:"
    ]
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            html = " ".join(node["html"].split())
            if len(html) > 200:
                html = html[:197] + "..."
            lines.append(f"    element: {target}")
            lines.append(f"    html:    {html}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"      {summary_line.strip()}")
    return "\n".join(lines)


def assert_no_serious_violations(page: Page, where: str = "") -> None:
    """Fail with axe's findings spelled out when the page has serious or critical violations."""
    violations = run_axe(page)
    assert not violations, format_violations(violations, where or page.url)


class PageAudit:
    """Checks page after page and fails once at the end, so one run reports every finding.

    ``audit.check(label)`` asserts the page's language, takes a screenshot (any callable
    taking a label) and runs axe; ``audit.assert_clean()`` fails with all findings.
    """

    def __init__(self, page: Page, *, language: str, screenshot):
        self.page, self.language, self.screenshot = page, language, screenshot
        self.findings: list[str] = []

    def check(self, label: str) -> None:

        expect(self.page.locator("html")).to_have_attribute("lang", self.language)
        self.screenshot(label)
        violations = run_axe(self.page)
        if violations:
            self.findings.append(format_violations(violations, f"{label} ({self.page.url})"))

    def assert_clean(self) -> None:
        assert not self.findings, "\n\n".join(self.findings)
