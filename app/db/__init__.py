"""Engine, sessions, migrations, backups and encryption."""
