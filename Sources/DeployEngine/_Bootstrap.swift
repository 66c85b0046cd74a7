// Module bootstrap: replaced by the deploy engine.
