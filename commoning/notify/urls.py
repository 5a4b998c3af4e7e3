"""URLs of notification pages."""

from django.urls import path

from commoning.notify import views

urlpatterns = [
    path("", views.notifications, name="notifications"),
    path("open/", views.open_notice, name="notification_open"),
    path("read-all/", views.read_all, name="notifications_read_all"),
    path("preferences/", views.preferences, name="notification_preferences"),
]
