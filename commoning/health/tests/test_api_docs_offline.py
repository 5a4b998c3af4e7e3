"""The API docs page works on a node with no internet: its scripts come from the node itself."""

import re


def test_the_api_docs_load_no_script_from_another_host(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', response.content.decode())
    assert sources, "the docs page should load the Swagger UI"
    assert [source for source in sources if "://" in source or source.startswith("//")] == []


def test_the_api_docs_scripts_are_served_by_the_node(client, db):
    page = client.get("/api/docs").content.decode()
    for source in re.findall(r'<script[^>]+src="([^"]+)"', page):
        response = client.get(source)
        response.close()  # a streamed file: left open, it would warn in a later test
        assert response.status_code == 200, source
