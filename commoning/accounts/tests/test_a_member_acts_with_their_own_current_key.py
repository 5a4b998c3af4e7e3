"""The write path's look-up of who acts and with which key (access.actor_for): one query, the
unsealed key kept in memory only and never served for a key the store no longer holds as it
was."""

import pytest
from django.contrib.auth.models import AnonymousUser

from commoning.accounts import keystore
from commoning.accounts.access import NotAMember, actor_for, signing_key_for
from commoning.accounts.keystore import KeyStoreError
from commoning.accounts.models import Account, CustodialKey
from commoning.core.signing import SigningKey


def test_it_gives_the_same_member_and_key_as_signing_key_for(alice):
    net, member_id, key = actor_for(alice)
    account, expected = signing_key_for(alice)
    assert (net, member_id, key.public_hex) == (account.net, account.member_id,
                                                expected.public_hex)


def test_it_refuses_a_visitor_and_a_login_without_a_member(django_user_model):
    with pytest.raises(NotAMember):
        actor_for(AnonymousUser())
    with pytest.raises(NotAMember):
        actor_for(django_user_model.objects.create_user("nobody", password="x" * 12))


def test_it_refuses_when_the_store_no_longer_holds_the_key(alice):
    actor_for(alice)  # now in the memory cache
    public_key = Account.objects.get(user=alice).public_key
    CustodialKey.objects.filter(public_key=public_key).delete()
    with pytest.raises(KeyStoreError):
        actor_for(alice)


def test_it_never_serves_a_cached_key_once_the_sealed_key_is_replaced(alice):
    actor_for(alice)
    account = Account.objects.get(user=alice)
    replacement = SigningKey.generate()
    CustodialKey.objects.create(public_key=replacement.public_hex,
                                sealed_seed=keystore._box().encrypt(replacement.seed),
                                purpose="member")
    Account.objects.filter(pk=account.pk).update(public_key=replacement.public_hex)
    assert actor_for(alice)[2].public_hex == replacement.public_hex


def test_it_refuses_a_sealed_seed_that_is_not_the_key_it_is_filed_under(alice):
    public_key = Account.objects.get(user=alice).public_key
    other = SigningKey.generate()
    CustodialKey.objects.filter(public_key=public_key).update(
        sealed_seed=keystore._box().encrypt(other.seed))
    with pytest.raises(KeyStoreError):
        actor_for(alice)


def test_its_memory_of_unsealed_keys_is_bounded():
    assert keystore.unseal.cache_info().maxsize == keystore.UNSEALED_KEYS_MAX
