from storage.encryption import Cipher, generate_key, read_keys, set_cipher, write_key_file
from storage.key_rotation import rotate_key_file
from storage.profiles import ProfileRepository


def test_rotation_reencrypts_and_retires_the_old_key(database_url, tmp_path, monkeypatch):
    monkeypatch.delenv("LOTSE_DATA_KEYS", raising=False)
    key_file = tmp_path / "data.key"
    old = generate_key()
    write_key_file(key_file, [old])
    set_cipher(Cipher([old]))
    try:
        repo = ProfileRepository(database_url)
        pid = repo.register_consent(channel="web", external_id="rotate-0001", language="de",
                                    text_version="v", organisation_slug="default")
        repo.save_answer(pid, "given_names", original_text="Olena", language="uk", value="Olena")
        count = rotate_key_file(key_file, database_url)
        assert count >= 2
        keys = read_keys(key_file)
        assert keys != [old] and len(keys) == 1
        # only the new key is configured now, and everything still reads
        set_cipher(Cipher(keys))
        assert repo.snapshot(pid)["fields"][0]["original_text"] == "Olena"
    finally:
        set_cipher(None)
