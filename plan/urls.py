"""URLs of the plan pages."""

app_name = "plan"

urlpatterns = []
