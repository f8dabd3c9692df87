from .test_catalogue import *  # noqa

def test_dbg(client_a, book, seller_a):
    data = form_data(client_a.get(product_url("catalogue-product", book)))
    r = client_a.post(product_url("catalogue-product", book), data)
    f = r.context["stockrecord_formset"].forms[1]
    print(f.changed_data, {n: f.get_initial_for_field(f.fields[n], n) for n in f.changed_data}, {n: f[n].data for n in f.changed_data})
    assert 0
