import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = 'shop.catalogue'

    def ready(self):
        super().ready()
        from shop.catalogue import receivers

        receivers.connect()
