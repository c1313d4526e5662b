"""The data package validates with the Frictionless reference implementation."""

from frictionless import Package, validate

from conftest import DATA


def test_frictionless_validate_passes():
    report = validate(str(DATA / "datapackage.json"))
    errors = [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors] + [
        f"{e.type}: {e.message}" for e in report.errors
    ]
    assert report.valid, "\n".join(errors[:20])


def test_every_csv_in_data_is_a_resource():
    package = Package(str(DATA / "datapackage.json"))
    described = {resource.path for resource in package.resources}
    on_disk = {p.name for p in DATA.glob("*.csv")}
    assert on_disk == described


def test_every_field_is_described():
    package = Package(str(DATA / "datapackage.json"))
    for resource in package.resources:
        assert resource.description, resource.name
        for field in resource.schema.fields:
            assert field.description, f"{resource.name}.{field.name}"
