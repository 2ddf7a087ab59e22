#!/bin/sh
# deb: `apt-get purge baton` (not a plain remove, not an upgrade) deletes the workstation file and
# every user's Baton data (local replicas, OS-encrypted keys, settings, logs).
set -e
if [ "$1" = "purge" ]; then
  rm -rf /etc/baton
  for home in /root /home/*; do
    rm -rf "$home/.config/Baton"
  done
fi
