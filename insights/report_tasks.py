"""The weekly report's beat task (insights.report)."""

from celery import shared_task


@shared_task(name="insights.send_weekly_reports")
def send_weekly_reports() -> int:
    """Every hour (beat, at minute 5): the managers whose Monday morning it is get last
    week's report, each once (``WeeklyReportDelivery``), however often this runs."""
    from insights.report import send_weekly_reports as send

    return send()
