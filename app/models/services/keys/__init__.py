"""Signing keys: the workspace's own key pair, fingerprints, trusted senders, key files. No Qt."""
