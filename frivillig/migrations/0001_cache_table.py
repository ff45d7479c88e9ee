# The database cache's table (settings.CACHES without REDIS_URL), made by a migration so
# that every database the portal runs on has it: a fresh clone after `migrate`, the test
# database, a server that switches from Redis to the database cache. It lives in the
# project's own app `frivillig`, since the cache belongs to no domain app.
# Django's createcachetable makes it with a name given (whatever CACHES says at the time);
# the name is written here as it was, as a migration must not follow later settings.
from django.core.management import call_command
from django.db import migrations

CACHE_TABLE = "frivillig_cache"


def create_cache_table(apps, schema_editor):
    call_command(
        "createcachetable", CACHE_TABLE, database=schema_editor.connection.alias, verbosity=0
    )


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
