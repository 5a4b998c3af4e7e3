"""Multilateral clearing of obligations, pure Python: read and write them (obligations), clear
as much as possible in cycles (solve) and prove it in a certificate anyone checks (certificate).
No Django here: the mutual-credit app and `commoning credit clear` both call these functions.
"""
