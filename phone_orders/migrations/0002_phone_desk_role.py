# The phone desk's role: the cooperative's volunteers who take phone orders for
# every seller. The permission and its "Phone desk" group exist from here on,
# held by nobody (shop/access.py reads the permission).

from django.db import migrations

CODENAME = "take_orders_for_all_sellers"
NAME = "Can take phone orders for every seller"
GROUP = "Phone desk"


def create_role(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _created = ContentType.objects.get_or_create(app_label="phone_orders",
                                                               model="inboxitem")
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME})
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="phone_orders", codename=CODENAME).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('phone_orders', '0001_initial'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='inboxitem',
            options={'ordering': ['done_at', '-created_at'], 'permissions': [('take_orders_for_all_sellers', 'Can take phone orders for every seller')], 'verbose_name': 'call-back inbox item', 'verbose_name_plural': 'call-back inbox'},
        ),
        migrations.RunPython(create_role, remove_role),
    ]
