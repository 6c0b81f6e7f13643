"""URLs of the anonymisation screens."""

urlpatterns = []
