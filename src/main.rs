fn main() {
    yew::Renderer::<smtplab_web::App>::new().render();
}
