"""URLs of the gomi pages."""

app_name = "gomi"

urlpatterns = []
