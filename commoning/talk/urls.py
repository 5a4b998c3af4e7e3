"""URLs of conversation pages."""

from django.urls import path

from commoning.talk import views

urlpatterns = [
    path("<str:subject_id>/comments/", views.comment_post, name="talk_comment"),
]
