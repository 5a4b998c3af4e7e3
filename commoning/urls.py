"""URL map of the node: pages of each app, the API, and the log."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from commoning.accounts import password_views
from commoning.accounts import views as accounts_views
from commoning.api import api
from commoning.commons import views as commons_views
from commoning.front import views as front_views

urlpatterns = [
    path("", front_views.home, name="home"),
    path("signup/", accounts_views.signup, name="signup"),
    path("login/", accounts_views.ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", accounts_views.profile, name="profile"),
    path("security/", password_views.account_security, name="account_security"),
    path("security/recovery-codes/", password_views.recovery_codes, name="recovery_codes"),
    path("password/forgot/", password_views.forgot_password, name="forgot_password"),
    path("tokens/", accounts_views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", accounts_views.revoke_token, name="revoke_token"),
    path("members/", accounts_views.members, name="members"),
    path("members/<str:member_id>/", accounts_views.member_page, name="member"),
    path("commons/", commons_views.commons_list, name="commons_list"),
    path("commons/new/", commons_views.commons_new, name="commons_new"),
    path("commons/<str:commons_id>/", commons_views.commons_detail, name="commons_detail"),
    path("commons/<str:commons_id>/edit/", commons_views.commons_edit, name="commons_edit"),
    path("log/", front_views.log_list, name="log"),
    path("log/<str:entry_id>/", front_views.log_entry, name="log_entry"),
    path("log/<str:entry_id>/changed/", front_views.log_entry_object, name="log_entry_object"),
    path("work/", include("commoning.work.urls")),
    path("association/", include("commoning.association.urls")),
    path("talk/", include("commoning.talk.urls")),
    path("budgets/", include("commoning.budgets.urls")),
    path("notifications/", include("commoning.notify.urls")),
    path("decisions/", include("commoning.decisions.urls")),
    path("", include("commoning.search.urls")),
    path("api/", api.urls),
    path("", include("commoning.sync.urls")),
]

handler400 = "commoning.front.errors.bad_request"
handler403 = "commoning.front.errors.forbidden"
handler404 = "commoning.front.errors.not_found"
handler500 = "commoning.front.errors.server_error"
