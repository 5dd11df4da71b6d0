from .harness import assert_refused, assert_unchanged


def test_duplicate_key_is_refused(ws, before):
    ws.role_file().write_text(ws.role_file().read_text() + "title: Again\n")
    result = ws.generate()
    assert_refused(result, names="roles/ai-ml-engineer.yaml:", says="duplicate key")
    assert_unchanged(before, ws.out)
