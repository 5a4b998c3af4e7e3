"""Addresses of the treasury's pages."""

from django.urls import path

from commoning.treasury import views

urlpatterns = [
    path("", views.treasury_home, name="treasury_home"),
    path("<str:treasury_id>/", views.treasury_page, name="treasury_page"),
    path("<str:treasury_id>/movements.csv", views.treasury_csv, name="treasury_csv"),
    path("<str:treasury_id>/income/", views.record_income, name="treasury_income"),
    path("<str:treasury_id>/pay/", views.propose_payment, name="treasury_pay"),
    path("<str:treasury_id>/payments/<str:payment_id>/approve/", views.approve_payment,
         name="treasury_approve"),
]
