"""The playbook reader."""
