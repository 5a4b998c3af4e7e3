"""A token's `last_used_at` is written at most once a minute, not on every request."""

from datetime import timedelta

from commoning.accounts.actions import create_api_token, user_for_token
from commoning.accounts.models import ApiToken


def test_it_records_the_first_use_and_not_the_next_within_a_minute(bob):
    row, token = create_api_token(bob, "t")
    assert user_for_token(token) == bob
    first = ApiToken.objects.get(id=row.id).last_used_at
    assert first is not None
    assert user_for_token(token) == bob
    assert ApiToken.objects.get(id=row.id).last_used_at == first


def test_it_records_a_use_again_after_a_minute(bob):
    row, token = create_api_token(bob, "t")
    user_for_token(token)
    long_ago = ApiToken.objects.get(id=row.id).last_used_at - timedelta(minutes=2)
    ApiToken.objects.filter(id=row.id).update(last_used_at=long_ago)
    user_for_token(token)
    assert ApiToken.objects.get(id=row.id).last_used_at > long_ago + timedelta(minutes=1)
