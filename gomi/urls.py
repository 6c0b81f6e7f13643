"""URLs of the gomi resident pages (the staff screens are in gomi.urls_staff)."""

from django.urls import include, path

from gomi.views import feeds, pages, reminders

app_name = "gomi"

BASE = "gomi/<str:lgcode>/"

urlpatterns = [
    path(BASE, pages.home, name="home"),
    path(f"{BASE}items/", pages.items_page, name="items"),
    path(f"{BASE}categories.css", pages.categories_css, name="categories_css"),
    path(f"{BASE}areas/<int:area_id>/", pages.area_page, name="area"),
    path(f"{BASE}areas/<int:area_id>/<int:year>/<int:month>/", pages.month_page, name="month"),
    path(f"{BASE}areas/<int:area_id>/print/<int:year>/", pages.print_page, name="print"),
    path(f"{BASE}areas/<int:area_id>/calendar.ics", feeds.calendar_ics, name="ical"),
    path(f"{BASE}reminders/", reminders.signup, name="reminders"),
    path("gomi/reminders/confirm/<str:token>/", reminders.confirm, name="reminder_confirm"),
    path("gomi/reminders/unsubscribe/<str:token>/", reminders.unsubscribe,
         name="reminder_unsubscribe"),
    path("", include("gomi.urls_staff")),
]
