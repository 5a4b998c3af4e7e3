"""URL map of the market, mounted under /market/."""

from django.urls import path

from commoning.market import views

urlpatterns = [
    path("", views.marketplace, name="market"),
    path("new/", views.listing_new, name="market_new"),
    path("mine/", views.my_listings, name="market_mine"),
    path("agreements/", views.my_agreements, name="market_agreements"),
    path("agreements/<str:agreement_id>/", views.agreement_detail, name="market_agreement"),
    path("agreements/<str:agreement_id>/accept/", views.agreement_accept,
         name="market_agreement_accept"),
    path("agreements/<str:agreement_id>/pay/", views.agreement_pay, name="market_agreement_pay"),
    path("<str:listing_id>/", views.listing_detail, name="market_listing"),
    path("<str:listing_id>/edit/", views.listing_edit, name="market_listing_edit"),
    path("<str:listing_id>/withdraw/", views.listing_withdraw, name="market_listing_withdraw"),
    path("<str:listing_id>/agree/", views.listing_agree, name="market_listing_agree"),
]
