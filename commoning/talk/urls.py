"""URLs of conversation pages."""

from django.urls import path

from commoning.talk import views

urlpatterns = [
    path("comments/<str:comment_id>/edit/", views.comment_edit, name="talk_comment_edit"),
    path("comments/<str:comment_id>/retract/", views.comment_retract,
         name="talk_comment_retract"),
    path("<str:subject_id>/comments/", views.comment_post, name="talk_comment"),
]
