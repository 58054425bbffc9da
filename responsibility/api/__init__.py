"""The integration API's keyed part (/api/v1/companies/…): systems of an organisation read
customer data with a key and a scope; each call is logged and rate limited per client."""
