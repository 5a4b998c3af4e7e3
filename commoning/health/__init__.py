"""Health of the node's configuration: Django system checks that catch misconfiguration early."""
