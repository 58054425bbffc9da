"""The integration API's shared conventions (/api/v1/): problem details, keyset pages,
ETags, the open-data licence and the language of the texts. Imports no domain app; each app
keeps its own serializers and read views in its `api` module."""
