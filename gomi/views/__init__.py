"""HTML views of the gomi resident pages (pages, iCalendar feed, e-mail reminders)."""
