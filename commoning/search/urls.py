"""URL of the search page."""

from django.urls import path

from commoning.search import views

urlpatterns = [path("search/", views.search_page, name="search")]
