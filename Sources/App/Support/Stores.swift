import Vapor

extension Application {
    /// The store kept under `key`, made by `make` when first asked. `Application.storage` is not safe
    /// to fill from concurrent requests: `configure` asks every store before the server answers.
    func store<Key: StorageKey>(_ key: Key.Type, make: () -> Key.Value) -> Key.Value {
        if let kept = storage[key] { return kept }
        let made = make()
        storage[key] = made
        return made
    }
}
