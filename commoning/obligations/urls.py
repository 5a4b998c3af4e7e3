"""URL map of debt pages, mounted under /debts/."""

from django.urls import path

from commoning.obligations import views

urlpatterns = [
    path("", views.home, name="obligations_home"),
    path("new/", views.record, name="obligations_record"),
    path("import/", views.import_csv, name="obligations_import"),
    path("export.csv", views.export_csv, name="obligations_export"),
    path("clearing/", views.choose, name="obligations_choose"),
    path("runs/", views.runs, name="clearing_runs"),
    path("runs/new/", views.run_new, name="clearing_run_new"),
    path("runs/<str:run_id>/", views.run_page, name="clearing_run"),
    path("runs/<str:run_id>/consent/", views.consent, name="clearing_consent"),
    path("runs/<str:run_id>/decline/", views.decline, name="clearing_decline"),
    path("<str:obligation_id>/confirm/", views.confirm, name="obligation_confirm"),
    path("<str:obligation_id>/dispute/", views.dispute, name="obligation_dispute"),
    path("<str:obligation_id>/withdraw/", views.withdraw, name="obligation_withdraw"),
    path("<str:obligation_id>/exclude/", views.exclude, name="obligation_exclude"),
]
