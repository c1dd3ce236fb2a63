"""The data layer: ORM models, storage, migrations, and the service functions the UI calls. No Qt."""
