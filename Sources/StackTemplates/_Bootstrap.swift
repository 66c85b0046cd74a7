// Module bootstrap: replaced by the template renderer.
