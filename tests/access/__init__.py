"""What the URL guard (tests/test_url_access.py) and the access matrix (tests/test_access_matrix.py)
declare and use: the URL walker, the public URLs, the matrix's world, classes and tables."""
