"""`lotse` sub-commands that belong to one part of the product; each module has `register(sub)`."""
