"""Addresses of the credit pages, under /credit/."""

from django.urls import path

from commoning.credit import views

urlpatterns = [
    path("", views.credit_home, name="credit_home"),
    path("new/", views.currency_new, name="credit_currency_new"),
    path("payments/<str:transfer_id>/accept/", views.accept, name="credit_accept"),
    path("payments/<str:transfer_id>/decline/", views.decline, name="credit_decline"),
    path("<str:currency_id>/", views.currency_page, name="credit_currency"),
    path("<str:currency_id>/wallet/", views.wallet, name="credit_wallet"),
    path("<str:currency_id>/pay/", views.pay, name="credit_pay"),
]
