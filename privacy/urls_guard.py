"""URLs of the guard's staff pages."""

urlpatterns = []
